package dev.faultline.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the health status a probe's body declares, in the vocabulary of the IETF health-check
 * response format (draft-inadarei-api-health-check): {@code pass} (aliases {@code ok}, {@code up}),
 * {@code warn}, {@code fail} (aliases {@code error}, {@code down}). Spring Boot's
 * {@code OUT_OF_SERVICE} counts as {@code fail}. Any JSON content type is read, since Spring Boot
 * answers with its own; other bodies have no status.
 */
public final class HealthBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthBody() {
    }

    /**
     * @param contentType the response's {@code Content-Type}, or null
     * @param body        the body text (possibly cut short)
     * @return {@code pass}, {@code warn} or {@code fail}; empty when the body declares no status
     */
    public static Optional<String> status(String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json") || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode status = tree == null ? null : tree.get("status");
        if (status == null || !status.isTextual()) {
            return Optional.empty();
        }
        return switch (status.asText().strip().toLowerCase(Locale.ROOT)) {
            case "pass", "ok", "up" -> Optional.of("pass");
            case "warn" -> Optional.of("warn");
            case "fail", "error", "down", "out_of_service" -> Optional.of("fail");
            default -> Optional.empty();
        };
    }
}
