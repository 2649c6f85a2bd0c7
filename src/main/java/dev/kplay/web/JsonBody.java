package dev.kplay.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/*
 * The JSON body of the calls a user makes most (reboot, build, insmod, rmmod, exec), read without
 * Spring's @RequestBody chain. On a reboot that chain (the message converters asked in turn, body
 * advice, a data binder, then Jackson) took a fifth of the request thread's CPU, for a body that
 * is nearly always "{}". Here the body is read once and bound by the same JsonMapper the converter
 * uses, and the answers are the ones @RequestBody gave: no body is null (a 400 where one is
 * required), a body whose Content-Type is not JSON is a 415 (no Content-Type and no body: null),
 * and JSON that does not parse or bind is a 400.
 */

/** Reads an optional or required JSON request body as @RequestBody would. */
final class JsonBody {
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));

    private JsonBody() {}

    /** The body bound to {@code type}; null for none (or JSON null) unless {@code required}. */
    static <T> T read(HttpServletRequest request, JsonMapper json, Class<T> type, boolean required)
            throws IOException, HttpMediaTypeNotSupportedException {
        byte[] body = request.getInputStream().readAllBytes();
        String header = request.getContentType();
        MediaType contentType;
        try {
            contentType = header == null || header.isEmpty() ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException(e.getMessage());
        }
        boolean readable = JSON.stream().anyMatch(j -> j.includes(contentType));
        T value = null;
        if (!readable && !(header == null && body.length == 0)) {
            throw new HttpMediaTypeNotSupportedException(contentType, JSON, org.springframework.http.HttpMethod.POST);
        }
        if (readable && body.length > 0) {
            try {
                Charset charset = contentType.getCharset();
                value = charset == null || charset.name().startsWith("UTF-") ? json.readValue(body, type)
                        : json.readValue(new String(body, charset), type);
            } catch (JacksonException e) {
                throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e,
                        new ServletServerHttpRequest(request));
            }
        }
        if (value == null && required) {
            throw new HttpMessageNotReadableException("Required request body is missing", new ServletServerHttpRequest(request));
        }
        return value;
    }
}
