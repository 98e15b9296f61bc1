package org.dmlworkbench.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

public final class Main {
    public static void main(String[] args) {
        Engine e = Engine.getInstance();
        System.out.println(e.getEngineName() + " " + e.getVersion() + " gpus=" + e.getGpuCount());
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.println(m.randomNormal(new ai.djl.ndarray.types.Shape(2, 2)));
        }
    }
}
