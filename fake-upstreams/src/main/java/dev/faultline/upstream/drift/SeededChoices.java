package dev.faultline.upstream.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The choices a drift rule leaves to the seed, made once per rule and phase from one 64-bit seed:
 * so every response of the phase gets the same added field and the same new enum value (as a real
 * API change would), and the same run seed gives the same choices again.
 */
final class SeededChoices {
    private static final List<String> NAMES = List.of("region", "tier", "labels", "etag", "flags", "metadata",
            "revision", "channel", "origin", "score");
    private static final List<String> ENUMS = List.of("ON_HOLD", "PENDING_REVIEW", "ARCHIVED", "PARTIALLY_SHIPPED",
            "SUSPENDED", "MIGRATED");

    private final long seed;

    SeededChoices(long seed) {
        this.seed = seed;
    }

    /** The name of the {@code index}-th mutation's added field, such as {@code tier_9c1a}. */
    String fieldName(int index) {
        SplittableRandom r = random(index, 1);
        return NAMES.get(r.nextInt(NAMES.size())) + "_" + String.format(Locale.ROOT, "%04x", r.nextInt(0x10000));
    }

    /** The value of the {@code index}-th mutation's added field: a string, number, boolean, object or list. */
    JsonNode fieldValue(int index) {
        SplittableRandom r = random(index, 2);
        JsonNodeFactory f = JsonNodeFactory.instance;
        int n = r.nextInt(1000);
        switch (r.nextInt(5)) {
            case 0:
                return f.textNode("v-" + n);
            case 1:
                return f.numberNode(n);
            case 2:
                return f.booleanNode(n % 2 == 0);
            case 3:
                ObjectNode object = f.objectNode();
                object.put("id", n);
                return object;
            default:
                return f.arrayNode().add(n);
        }
    }

    /** A value for the {@code index}-th mutation's enum that is not {@code current}. */
    String enumValue(int index, String current) {
        int at = random(index, 3).nextInt(ENUMS.size());
        String value = ENUMS.get(at);
        return value.equals(current) ? ENUMS.get((at + 1) % ENUMS.size()) : value;
    }

    /** A stream for reordering the members of one object (named by its member names). */
    SplittableRandom forReorder(int index, int membersHash) {
        return random(index, 4L + 31L * membersHash);
    }

    private SplittableRandom random(int index, long purpose) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)) ^ (purpose * 0xBF58476D1CE4E5B9L));
    }
}
