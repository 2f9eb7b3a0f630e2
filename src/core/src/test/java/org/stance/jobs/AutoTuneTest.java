package org.stance.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.artifact.ModelCodec;
import org.stance.artifact.ModelManifest;
import org.stance.curation.IraqPresence;
import org.stance.data.DatasetWriter;
import org.stance.model.Optimizer;
import org.stance.model.TrainConfig;

/** --autotune: trials within the budget, the best one's settings and CV figures stored, the final model trained on every row. */
class AutoTuneTest {

    @TempDir
    Path dir;

    @Test
    void searchesWithinTheBudgetAndStoresTheChoiceInTheModel() {
        Path train = dir.resolve("train.csv");
        List<org.stance.data.LabeledSentence> rows = TestData.head("train", 700);
        DatasetWriter.write(train, rows);
        TrainConfig quick = TestData.quickConfig(List.of("stance"));
        // without the article context block: trials twice as fast, so that a 20 s budget holds several
        TrainConfig start = quick.toBuilder().ngrams(quick.ngrams().withArticleContext(0)).optimizer(Optimizer.LBFGS).maxEpochs(100).build();
        List<String> log = new ArrayList<>();
        Path model = dir.resolve("tuned.zip");
        long began = System.nanoTime();
        TrainingJob.Outcome outcome = new TrainingJob(log::add).run(new TrainRequest(train, null, null, model, start,
                IraqPresence.knownLabels(), false, Duration.ofSeconds(20)));
        double seconds = (System.nanoTime() - began) / 1e9;
        ModelManifest.Tuning tuning = ModelCodec.load(model).manifest().tuning();
        assertTrue(tuning.trials().size() >= 2, String.join("\n", log));
        assertEquals(AutoTune.describe(start), tuning.trials().get(0).settings(), "the first trial is the settings given");
        ModelManifest.TuningTrial best = tuning.trials().get(tuning.bestTrial() - 1);
        assertTrue(tuning.trials().stream().allMatch(t -> t.score() <= best.score()));
        assertEquals(best.settings(), AutoTune.describe(outcome.manifest().trainConfig()), "the model is trained with the best settings");
        assertEquals(best.scores().get("stance"), outcome.manifest().evaluation().get("autotune-cv").get("stance").macroF1(), 1e-12);
        assertEquals(rows.size(), outcome.manifest().data().get(0).sentences(), "the final fit uses every training row");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("autotune trial 2")), String.join("\n", log));
        assertTrue(seconds < 20 + 40, "one trial may run past the budget, not more: " + seconds + " s");
    }

    @Test
    void candidatesNeverRepeat() {
        TrainConfig start = TrainConfig.DEFAULTS;
        Set<String> seen = new HashSet<>();
        seen.add(AutoTune.describe(start));
        Random random = new Random(1);
        Set<Double> contexts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            TrainConfig next = AutoTune.next(start, random, seen);
            assertNotEquals(null, next);
            start = next;
            contexts.add(next.ngrams().articleContext());
        }
        assertEquals(51, seen.size());
        assertTrue(contexts.size() > 1, "the article context weight is searched: " + contexts);
        for (int i = 0; i < 50; i++) {
            assertEquals(TrainConfig.DEFAULTS.ngrams().articleContext(), AutoTune.next(TrainConfig.DEFAULTS, random, seen, false).ngrams().articleContext(),
                    "not searched on data without articles");
        }
    }
}
