package dev.kplay.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/*
 * The container's error page (/error) in the API's format: whatever failed outside a controller
 * (a filter, an Error such as StackOverflowError that the exception handlers do not see) still
 * answers {"error", "message"}, never a stack trace or an HTML page.
 */

/** /error as JSON. */
@RestController
public class ErrorJson implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ErrorJson.class);

    @RequestMapping("/error")
    public ResponseEntity<Map<String, String>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            Object ex = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("internal error {} on {}", id, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    ex instanceof Throwable t ? t : null);
            return ApiErrors.error(status, "internal", "internal error in kplay (id " + id + ")");
        }
        String error = status == HttpStatus.NOT_FOUND ? "not_found" : status.name().toLowerCase();
        return ApiErrors.error(status, error, status.getReasonPhrase());
    }
}
