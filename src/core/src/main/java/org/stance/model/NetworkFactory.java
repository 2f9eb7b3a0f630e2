package org.stance.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the classifier network: the sparse TF-IDF input, an optional shared hidden layer, and one
 * softmax head per task. With no hidden layer each head is a multinomial logistic regression on
 * the n-grams; with one, the tasks share a learned sentence representation.
 */
final class NetworkFactory {

    static final String INPUT = "ngrams";
    static final String HIDDEN = "hidden";

    private NetworkFactory() {
    }

    static ComputationGraph build(TrainConfig config, int inputSize, List<Integer> classCounts, List<double[]> classWeights) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(config.optimizer().updater(config.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .l2(config.l2())
                .graphBuilder()
                .addInputs(INPUT);
        String last = INPUT;
        int width = inputSize;
        // DL4J's dropOut(p) is the probability of RETAINING an input.
        double retain = 1.0 - config.inputDropout();
        if (config.hidden() > 0) {
            DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(inputSize).nOut(config.hidden()).activation(Activation.RELU);
            if (config.inputDropout() > 0) {
                hidden.dropOut(retain);
            }
            graph.addLayer(HIDDEN, hidden.build(), INPUT);
            last = HIDDEN;
            width = config.hidden();
        }
        for (int t = 0; t < config.tasks().size(); t++) {
            OutputLayer.Builder head = new OutputLayer.Builder(loss(classWeights.get(t))).nIn(width).nOut(classCounts.get(t)).activation(Activation.SOFTMAX);
            if (config.hidden() == 0 && config.inputDropout() > 0) {
                head.dropOut(retain);
            }
            graph.addLayer(config.tasks().get(t), head.build(), last);
        }
        graph.setOutputs(config.tasks().toArray(String[]::new));
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /**
     * What follows the first layer for one task, as the sparse trainer runs it: the ReLU and this
     * task's softmax layer when there is a hidden layer (its weights are copied from
     * {@code network}), or only the softmax and loss over this task's slice of the first layer.
     */
    static MultiLayerNetwork head(TrainConfig config, ComputationGraph network, String task, double[] classWeights) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(config.optimizer().updater(config.learningRate()))
                .l2(config.l2())
                .list();
        if (config.hidden() > 0) {
            list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            list.layer(new OutputLayer.Builder(loss(classWeights)).nIn(config.hidden()).nOut(classWeights.length).activation(Activation.SOFTMAX).build());
        } else {
            list.layer(new LossLayer.Builder(loss(classWeights)).activation(Activation.SOFTMAX).build());
        }
        MultiLayerNetwork head = new MultiLayerNetwork(list.build());
        head.init();
        if (config.hidden() > 0) {
            head.getLayer(1).setParam("W", network.getLayer(task).getParam("W").dup());
            head.getLayer(1).setParam("b", network.getLayer(task).getParam("b").dup());
        }
        return head;
    }

    private static LossMCXENT loss(double[] classWeights) {
        return new LossMCXENT(Nd4j.createFromArray(classWeights).castTo(DataType.FLOAT));
    }
}
