package dev.atelier.core.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host submits: the operation id, the panel's field values (validated by the daemon), the image and an
 * optional mask. Build with {@link #builder()}.
 */
public record Submission(String operation, Map<String, JsonElement> params, Raster image, Optional<Mask> mask,
        int priority) {

    public Submission {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(image, "image");
        params = Map.copyOf(params);
        Objects.requireNonNull(mask, "mask");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Submission}: operation and image are required. */
    public static final class Builder {
        private String operation;
        private final Map<String, JsonElement> params = new LinkedHashMap<>();
        private Raster image;
        private Mask mask;
        private int priority;

        public Builder setOperation(String id) {
            this.operation = id;
            return this;
        }

        public Builder setImage(Raster image) {
            this.image = image;
            return this;
        }

        public Builder optMask(Mask mask) {
            this.mask = mask;
            return this;
        }

        public Builder optParam(String field, JsonElement value) {
            params.put(field, value);
            return this;
        }

        public Builder optParam(String field, String value) {
            return optParam(field, new JsonPrimitive(value));
        }

        public Builder optParam(String field, Number value) {
            return optParam(field, new JsonPrimitive(value));
        }

        public Builder optParam(String field, boolean value) {
            return optParam(field, new JsonPrimitive(value));
        }

        /** Higher runs sooner; interactive hosts use 10, batch work 0 (the default). */
        public Builder optPriority(int priority) {
            this.priority = priority;
            return this;
        }

        public Submission build() {
            return new Submission(operation, params, image, Optional.ofNullable(mask), priority);
        }
    }
}
