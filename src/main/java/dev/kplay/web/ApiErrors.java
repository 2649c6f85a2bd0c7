package dev.kplay.web;

import dev.kplay.session.SessionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/*
 * One error path for the whole API: every failure becomes {"error", "message"} with a 4xx status
 * the client can act on. Anything else is a bug in kplay: the client gets a 500 with an id, the
 * log gets the id and the stack trace, the client never does.
 */

/** Maps exceptions to JSON errors. */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(SessionException.class)
    public ResponseEntity<Map<String, String>> session(SessionException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
            case BAD_REQUEST -> error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
            case TOO_LARGE -> error(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", e.getMessage());
            case UNAVAILABLE -> error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", e.getMessage());
            case HALTED -> error(HttpStatus.CONFLICT, "kernel_panic", e.getMessage());
        };
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", "malformed request body (expected JSON)");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "unsupported content type: "
                + e.getContentType());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<Map<String, String>> noResource(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", "no such resource: /" + e.getResourcePath());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, String>> bug(Exception e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("internal error {}", id, e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "internal error in kplay (id " + id + ")");
    }

    static ResponseEntity<Map<String, String>> error(HttpStatus status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
