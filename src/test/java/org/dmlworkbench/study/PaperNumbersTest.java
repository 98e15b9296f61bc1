package org.dmlworkbench.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperNumbersTest {

    private static final String STUDY = """
            {"name": "p", "base": {"data": "mnist-10k"},
             "factors": [{"name": "method", "variants": [
                 {"label": "Guided", "args": {"loss": "ms"}},
                 {"label": "MS", "args": {"loss": "ms"}}]},
               {"name": "seed", "values": [1, 2]}],
             "paper": {"Guided": {"precision_at_1": 0.99},
                       "Guided @ fashion-mnist": {"precision_at_1": 0.9193}}}
            """;

    @Test
    void aDataSpecificPaperNumberWinsForThatDataOnly() throws Exception {
        StudySpec spec = StudySpec.parse(STUDY, "p.json", false);
        StudyPlan mnist = StudyPlan.expand(spec, Map.of());
        StudyPlan fashion = StudyPlan.expand(spec, Map.of("data", "fashion-mnist"));
        Map<String, String> guided = Map.of("method", "Guided");
        assertEquals(0.99, StudyAggregate.paperValue(spec, mnist, "method=Guided", guided,
                "precision_at_1"));
        assertEquals(0.9193, StudyAggregate.paperValue(spec, fashion, "method=Guided", guided,
                "precision_at_1"));
        assertTrue(Double.isNaN(StudyAggregate.paperValue(spec, fashion, "method=MS",
                Map.of("method", "MS"), "precision_at_1")));
        assertTrue(Double.isNaN(StudyAggregate.paperValue(spec, fashion, "method=Guided", guided,
                "nmi")));
    }
}
