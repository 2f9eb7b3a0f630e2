package org.stance.cli;

import picocli.CommandLine.Option;

/** How the dataset is cut into train/dev/test, shared by {@code dataset split} and {@code dataset add} so both place articles alike. */
final class SplitOptions {

    @Option(names = "--folds", description = "Equal article folds the data is cut into.", defaultValue = "10")
    int folds;

    @Option(names = "--test-folds", description = "Folds that form the test split.", defaultValue = "2")
    int testFolds;

    @Option(names = "--dev-folds", description = "Folds that form the dev split.", defaultValue = "1")
    int devFolds;

    @Option(names = "--seed", defaultValue = "13", description = "Seed of the article hash (and of --reshuffle's shuffle).")
    long seed;
}
