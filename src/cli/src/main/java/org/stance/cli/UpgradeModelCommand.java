package org.stance.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.artifact.ModelCodec;
import org.stance.artifact.ModelManifest;

/** {@code stance upgrade-model}: re-saves a model of an older format in the current one, sealed. */
@Command(name = "upgrade-model", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Re-save a model written by an older stance (format version " + ModelManifest.OLDEST_UPGRADABLE_VERSION
                + " or later) in the current format (version " + ModelManifest.FORMAT_VERSION + "), with the SHA-256 and CRC-32 of every part"
                + " that loading checks. Labels, settings, figures and parameters are kept as they are; scores do not change.",
                "An older file has no hashes to check: upgrade only a model you trust to be intact."})
final class UpgradeModelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL.zip", description = "The model to re-save.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "NEW.zip", description = "Where to write the re-saved model.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputGuard.refuseInputs(spec.commandLine(), output, OutputGuard.roles("model", model));
        ModelCodec.checkWritable(output);
        ModelCodec.Loaded loaded = ModelCodec.loadForUpgrade(model);
        ModelCodec.save(output, loaded.manifest(), loaded.classifier());
        spec.commandLine().getErr().printf("re-saved %s (format version %d) as %s (format version %d)%n", model, loaded.manifest().formatVersion(),
                output, ModelManifest.FORMAT_VERSION);
        return 0;
    }
}
