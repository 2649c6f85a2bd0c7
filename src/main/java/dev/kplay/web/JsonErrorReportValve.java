package dev.kplay.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/*
 * Tomcat's last word on a request it refused before any servlet ran (a bad URI, an oversize
 * request line, a NUL in the path): the same {"error", "message"} JSON the API answers, in place
 * of Tomcat's HTML report. Never a stack trace.
 */

/** Tomcat's error report as JSON. */
public final class JsonErrorReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String error = status == 404 ? "not_found" : status == 413 ? "too_large" : status >= 500 ? "internal" : "bad_request";
        String message = status >= 500 ? "internal error in kplay" : "the request was refused (HTTP " + status
                + "): malformed or oversize request line, path or headers";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer w = response.getReporter();
            if (w != null) {
                w.write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing more to say
        }
    }
}
