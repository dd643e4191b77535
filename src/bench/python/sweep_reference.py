#!/usr/bin/env python3
"""A peer baseline for `specdyn sweep`: the 40 x 26 x 2 reduced sweep of the README written the way a
researcher would in a notebook, every cell one lane of a numpy array, GD and SpecGD maps from the
model note (theory-notes/model.md), alignment >= 0.99 confirmed over 100 steps, divergence at a non-finite value or a
coefficient above 1e6, at most 1e5 steps. It is for timing side by side and for an independent
check of the classification, not part of specdyn.

usage: sweep_reference.py [--lr-from SWEEP_CSV] [--csv OUT]
  --lr-from  take the learning rates from a specdyn sweep.csv (so that both use the same doubles)
  --csv      write algo,kappa,lr,status,steps per cell, in specdyn's cell order
prints the status counts per algorithm and the seconds spent
"""
import argparse
import csv
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--lr-from')
p.add_argument('--csv')
args = p.parse_args()

d, s, max_steps, hold = 100, 1e-3, 100_000, 100
kappas = np.linspace(0, 50, 26)
if args.lr_from:
    with open(args.lr_from) as f:
        rows = [r for r in csv.DictReader(f) if r['algo'] == 'gd' and float(r['kappa']) == 0]
    lrs = np.array([float(r['lr']) for r in rows])
else:
    lrs = 10 ** np.linspace(-4, 0, 40)

names = {1: 'aligned', 2: 'diverged', 3: 'stalled'}
results = {}
start = time.time()
for algo in ('gd', 'specgd'):
    K, L = np.meshgrid(kappas, lrs, indexing='ij')
    K, L = K.ravel(), L.ravel()
    lu = 1 + K
    a, b, c = (np.full(K.size, s) for _ in range(3))
    status = np.zeros(K.size, int)
    step = np.full(K.size, -1)
    candidate = np.full(K.size, -1)
    active = np.arange(K.size)
    for k in range(max_steps + hold + 1):
        A, B, C = a[active], b[active], c[active]
        diverged = ~np.isfinite(A + B + C) | (np.maximum(abs(A), np.maximum(abs(B), abs(C))) > 1e6)
        ok = A**2 / np.sqrt(A**4 + B**4 + (d - 2) * C**4) >= 0.99
        cd = candidate[active]
        cd = np.where(ok & (cd < 0) & (k <= max_steps), k, cd)
        cd = np.where(~ok, -1, cd)
        candidate[active] = cd
        aligned = ok & (cd >= 0) & (k - cd >= hold) & ~diverged
        stalled = ~diverged & ~aligned & ((~ok & (k >= max_steps)) | (ok & (cd < 0) & (k > max_steps)))
        status[active[diverged]], step[active[diverged]] = 2, k
        status[active[aligned]], step[active[aligned]] = 1, cd[aligned]
        status[active[stalled]] = 3
        active = active[~(diverged | aligned | stalled)]
        if active.size == 0:
            break
        A, B, C, lr, l = a[active], b[active], c[active], L[active], lu[active]
        T = (A**2 - 1) + l * B**2 + (d - 2) * C**2
        ga, gb, gc = A * (T + 2 * (A**2 - 1)), B * (l * T + 2 * l**2 * B**2), C * (T + 2 * C**2)
        if algo == 'specgd':
            ga, gb, gc = np.sign(ga), np.sign(gb), np.sign(gc)
        a[active], b[active], c[active] = A - lr * ga, B - lr * gb, C - lr * gc
    results[algo] = (K, L, status, step)
seconds = time.time() - start

for algo, (K, L, st, sp) in results.items():
    print(algo, {names[v]: int((st == v).sum()) for v in (1, 2, 3)})
print('seconds %.2f' % seconds)
if args.csv:
    with open(args.csv, 'w') as f:
        f.write('algo,kappa,lr,status,steps\n')
        for algo, (K, L, st, sp) in results.items():
            for i in range(K.size):
                f.write('%s,%r,%r,%s,%s\n' % (algo, float(K[i]), float(L[i]), names[st[i]],
                                              sp[i] if st[i] in (1, 2) else ''))
