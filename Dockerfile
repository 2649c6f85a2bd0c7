# kplay in a container: one stage builds the jar (Maven + the machine's Node for the page, exactly as
# ./kplay run does), the other runs that jar on a JRE as a non-root user.
#   docker build -t kplay . && docker run -p 8080:8080 kplay
FROM node:20-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && npm install -g npm@11
WORKDIR /src
# Dependencies first, so editing the code does not download them again.
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -Dfrontend.skip=true || true
COPY . .
RUN mvn -B -q package -DskipTests && cp "$(ls target/kplay-*.jar | grep -v original)" /kplay.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin kplay
WORKDIR /app
COPY --from=build /kplay.jar /app/kplay.jar
USER kplay
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/kplay.jar"]
