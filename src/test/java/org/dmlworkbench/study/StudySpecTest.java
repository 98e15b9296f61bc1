package org.dmlworkbench.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudySpecTest {

    private static final String VALID = """
            {"name": "activation", "title": "GELU vs ReLU",
             "base": {"data": "sample", "epochs": 2, "method-param": {"a": 1}},
             "factors": [
               {"name": "activation", "values": ["gelu", "relu"]},
               {"name": "method", "variants": [
                 {"label": "MS", "args": {"loss": "ms"}},
                 {"label": "RS@k+SiMix", "args": {"loss": "rsk", "method-param": {"rsk.simix": true}}}]},
               {"name": "seed", "values": [1, 2, 3]}],
             "metrics": ["precision_at_1", "recall_at_k.1"],
             "paper": {"gelu": {"precision_at_1": 0.9}}}
            """;

    @Test
    void readsAValidStudy() throws Exception {
        StudySpec spec = StudySpec.parse(VALID, "a.json", false);
        assertEquals("activation", spec.name());
        assertEquals(3, spec.factors().size());
        StudySpec.Factor seed = spec.factors().get(2);
        // JSON numbers come back as doubles; labels must still read "1", not "1.0"
        assertEquals(List.of("1", "2", "3"), seed.levels().stream().map(StudySpec.Level::label).toList());
        assertEquals("RS@k+SiMix", spec.factors().get(1).levels().get(1).label());
        assertEquals(List.of("precision_at_1", "recall_at_k.1"), spec.metrics());
        assertEquals(0.9, spec.paper().get("gelu").get("precision_at_1"));
    }

    @Test
    void readsYamlLikeJson() throws Exception {
        String yaml = """
                name: activation
                base: {data: sample, epochs: 2}
                factors:
                  - name: activation
                    values: [gelu, relu]
                  - name: seed
                    values: [1, 2]
                """;
        StudySpec spec = StudySpec.parse(yaml, "a.yaml", true);
        assertEquals(2, spec.factors().size());
        assertEquals(StudySpec.DEFAULT_METRICS, spec.metrics());
        assertEquals(Map.of("data", "sample", "epochs", 2), spec.base());
    }

    @Test
    void errorsNameTheFileTheKeyAndTheProblem() {
        assertError("{\"title\": \"x\"}", "f.json: 'name' is missing");
        assertError("{\"name\": \"a b\"}", "f.json: 'name' must be letters");
        assertError("{\"name\": \"a\", \"bse\": {}}", "f.json: 'bse' is not a study key");
        assertError("{\"name\": \"a\", \"base\": {\"--epochs\": 3}}",
                "'base.--epochs' names a train option without the leading '--' (write 'epochs')");
        assertError("{\"name\": \"a\", \"base\": {\"out\": \"x\"}}", "'base.out' cannot be set in a study");
        assertError("{\"name\": \"a\", \"factors\": [{\"name\": \"seed\"}]}",
                "'factors[0]' needs exactly one of 'values'");
        assertError("{\"name\": \"a\", \"factors\": [{\"name\": \"seed\", \"values\": []}]}",
                "'factors[0].values' must be a non-empty list");
        assertError("{\"name\": \"a\", \"factors\": [{\"name\": \"seed\", \"values\": [1, 1]}]}",
                "'factors[0].values[1]' repeats the label '1'");
        assertError("{\"name\": \"a\", \"factors\": [{\"name\": \"m\", \"variants\": [{\"args\": {}}]}]}",
                "'factors[0].variants[0].label' is missing");
        assertError("{\"name\": \"a\", \"factors\": [{\"name\": \"seed\", \"values\": [1]},"
                + " {\"name\": \"seed\", \"values\": [2]}]}", "'factors[1]' repeats the factor name 'seed'");
        assertError("{\"name\": \"a\", \"paper\": {\"gelu\": {\"precision_at_1\": \"high\"}}}",
                "'paper.gelu.precision_at_1' must be a number");
        assertError("{\"name\": ", "f.json: is not valid JSON");
        assertError("[1, 2]", "f.json: must hold one object");
    }

    private static void assertError(String json, String expected) {
        StudyFormatException e = assertThrows(StudyFormatException.class,
                () -> StudySpec.parse(json, "f.json", false));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
