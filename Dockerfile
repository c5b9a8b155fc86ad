# Concord: a multi-stage build. The first stage compiles a release binary (SQLite and libpq
# are bundled); the second is a slim Debian with the binary, run as a non-root user, and
# Chromium with Noto fonts, which prints PDF exports (Arabic and CJK included).
FROM rust:1-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, in a layer of their own that only a change of Cargo.toml or Cargo.lock
# rebuilds (or .cargo/config.toml, which sets how SQLite is compiled): compile them for an
# empty library and binary standing in for ours.
COPY Cargo.toml Cargo.lock ./
COPY .cargo .cargo
RUN mkdir src \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs \
 && cargo build --release --locked --bin concord \
 && rm -rf src
# Then the sources. COPY keeps the files' own times, which may be older than the stand-ins'
# build: touch the crate roots so cargo rebuilds concord rather than keep the empty one.
COPY . .
RUN touch src/lib.rs src/main.rs \
 && cargo build --release --locked --bin concord

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 curl \
    chromium fonts-noto-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home concord
COPY --from=build /src/target/release/concord /usr/local/bin/concord
USER concord
WORKDIR /data
# The SQLite database (and the development key, when none is configured) live in /data.
VOLUME ["/data"]
ENV DATABASE_URL=sqlite:///data/concord.db \
    CONCORD_BIND=0.0.0.0:8080 \
    CONCORD_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl --fail --silent http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["concord"]
CMD ["serve"]
