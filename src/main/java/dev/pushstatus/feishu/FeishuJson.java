package dev.pushstatus.feishu;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration for everything exchanged with Feishu. */
public final class FeishuJson {

    private FeishuJson() {
    }

    /**
     * A new mapper: unknown fields ignored (Feishu adds fields without notice), absent fields
     * left null, and nesting bounded so a hostile body cannot exhaust the stack.
     */
    public static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(2_000_000)
                .build());
        return mapper;
    }
}
