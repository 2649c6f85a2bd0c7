package dev.kplay.scenario;

import dev.kplay.session.SessionException;
import dev.kplay.session.SessionException.Kind;
import dev.kplay.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/*
 * Short links: a scenario kept in the store under an id derived from the SHA-256 of its canonical
 * JSON, so the same scenario always gets the same id and a link never changes meaning. The id is
 * the hash's first 12 base64url characters (72 bits); should two scenarios ever share that prefix,
 * the later one takes a longer prefix of its own hash, so no link is ever overwritten.
 */

/** Saves scenarios as short links and loads them back. */
public final class Links {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{12,43}");
    private static final int[] ID_LENGTHS = {12, 16, 43};

    private final Store store;
    private final ScenarioCodec codec;

    public Links(Store store, ScenarioCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** A saved link: its id, and whether this call created it (false: it already existed). */
    public record Saved(String id, boolean created) {}

    /** Keeps a scenario; the same scenario gives the same id every time. */
    public Saved save(Scenario scenario) {
        String json = codec.write(scenario);
        String hash = hash(json);
        for (int n : ID_LENGTHS) {
            String id = hash.substring(0, n);
            if (store.putLink(id, json)) {
                return new Saved(id, true);
            }
            if (store.link(id).map(json::equals).orElse(false)) {
                return new Saved(id, false);
            }
        }
        throw new IllegalStateException("no free link id for hash " + hash);
    }

    /** The canonical JSON kept under {@code id}; 404 if there is none. */
    public String json(String id) {
        Optional<String> json = id != null && ID.matcher(id).matches() ? store.link(id) : Optional.empty();
        return json.orElseThrow(() -> new SessionException(Kind.NOT_FOUND, "no such link: " + id));
    }

    /** The scenario kept under {@code id}; 404 if there is none. */
    public Scenario load(String id) {
        return codec.read(json(id));
    }

    private static String hash(String json) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
