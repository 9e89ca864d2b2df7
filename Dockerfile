# statuslint as a container image, for the in-cluster Job and CronJob in docs/examples/.
#   podman build -t statuslint:0.1.0 .      (or buildah bud, or docker build)
# It runs as the unprivileged `node` user and writes nothing but its reports, so it runs with a
# read-only root filesystem: mount a writable volume where `-o` writes.

FROM node:22-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY cli cli
COPY conformance conformance
COPY rules rules
COPY schemas schemas
RUN npm run build

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Only what the published package installs: no dev dependencies, no install scripts, no npm cache.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /build/dist dist
COPY schemas/catalog schemas/catalog
COPY schemas/generated schemas/generated
COPY schemas/results.schema.json schemas/results.schema.json
COPY docs docs
# The image's own user (uid 1000); Kubernetes' runAsNonRoot needs the number.
USER 1000:1000
WORKDIR /reports
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["--help"]
