package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name a view gives a run (its legends, the explore page's run cards): the settings as typed. */
class RunLabelTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--algo gd --lr 0.02                              | GD, lr 0.02",
        "--algo gd --lr 0.02 --schedule cosine            | GD, lr 0.02 cosine",
        "--algo gd --lr 0.02 --schedule exp:0.999         | GD, lr 0.02 exp:0.999",
        "--algo muon --lr 0.01 --momentum 0.9             | Muon, lr 0.01, momentum 0.9",
        "--algo gd --lr 1e-9                              | GD, lr 1e-09",
        "--algo gd --lr 1e-5                              | GD, lr 1e-05",
        "--algo gd --lr 0.0001                            | GD, lr 0.0001",
        "--algo gd --lr 50                                | GD, lr 50",
        "--algo gd --lr 0.123456789                       | GD, lr 0.1235",
        "--algo gd --lr 1e-300                            | GD, lr 1e-300",
        "--algo gd --lr 1e300                             | GD, lr 1e+300",
        "--algo gd --lr 100.00000001                      | GD, lr 100",
        "--algo gd --lr 0.10000000001                     | GD, lr 0.1",
    })
    void aRunIsNamedByItsRuleRateAndTheSettingsGiven(String args, String label) {
        assertEquals(label, new CliRunPlanner().plan(List.of(args.trim().split("\\s+"))).label());
    }
}
