package dev.kplay.web;

import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/*
 * Tomcat answers some requests itself before Spring sees them: a path holding an encoded slash
 * ("files/..%2Fx"), a NUL (%00), a backslash (%5C), a request line or header past its size limit.
 * Encoded slashes are passed through so the controller refuses the file name with the contract's
 * JSON error; what Tomcat still refuses goes through JsonErrorReportValve, so those answers are
 * the same {"error", "message"} JSON as every other error, never Tomcat's HTML page.
 */

/** Lets encoded slashes reach the controllers and makes Tomcat's own refusals JSON. */
@Component
class TomcatPaths implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
