package dev.kplay.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/*
 * Tomcat answers a path holding an encoded slash ("files/..%2Fx") with its own HTML 400 page before
 * Spring sees the request. Passing it through lets the controller refuse the file name with the
 * contract's JSON error, like every other bad request.
 */

/** Lets encoded slashes reach the controllers, which validate names themselves. */
@Component
class TomcatPaths implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
