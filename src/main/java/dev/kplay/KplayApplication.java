package dev.kplay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: one simulated Linux kernel per browser session, served over HTTP and WebSockets. */
@SpringBootApplication
public class KplayApplication {
    public static void main(String[] args) {
        SpringApplication.run(KplayApplication.class, args);
    }
}
