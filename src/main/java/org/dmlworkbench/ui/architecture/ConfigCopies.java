package org.dmlworkbench.ui.architecture;

import java.util.List;
import org.dmlworkbench.config.OptimizerSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.model.InvolutionSpec;
import org.dmlworkbench.model.ModelSpec;

/** Copies of a {@link TrainingConfig} (or its model) with one part replaced, for {@link ConfigField}. */
final class ConfigCopies {

    private ConfigCopies() {}

    /**
     * {@code m} with a new layout. INN's layout is its family (its involution count reads 0), so
     * an INN model stays INN when only its widths change, and leaves INN for a layer count.
     */
    static ModelSpec layout(ModelSpec m, boolean involutionOnly, int involutions, List<Integer> widths) {
        if (!involutionOnly && !m.isInvolutionOnly()) {
            return m.withLayout(involutions, widths);
        }
        String family = involutionOnly ? "inn" : "custom";
        return new ModelSpec(family, involutionOnly ? 0 : involutions, widths, m.involution(), m.activation(),
                m.stagePooling(), m.embeddingDim(), m.normalizeEmbedding(), m.attention());
    }

    static TrainingConfig withModel(TrainingConfig c, ModelSpec model) {
        return c.toBuilder().model(model).build();
    }

    static TrainingConfig withInvolution(TrainingConfig c, InvolutionSpec spec) {
        return withModel(c, c.model().withInvolution(spec));
    }

    static TrainingConfig withOptimizer(TrainingConfig c, OptimizerSpec spec) {
        return c.toBuilder().optimizer(spec).build();
    }
}
