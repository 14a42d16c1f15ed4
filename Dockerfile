# syntax=docker/dockerfile:1
# Paddock's server and dashboard in one image.
#   docker build -t paddock:0.1.0 .
#   in a cluster (deploy/):  paddock serve --no-embedded --in-cluster  (the default command)
#   with a kubeconfig:       docker run … paddock:0.1.0 serve --no-embedded --kubeconfig /path/kubeconfig.yaml
# The kubeconfig needs a context named `local`: that cluster holds Paddock's users.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 (the embedded cluster's storage) compiles when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build:web
# Keep the runtime dependencies only, plus tsx (a dev dependency), which runs the TypeScript
# sources: the same version, installed on its own and moved into node_modules.
RUN --mount=type=cache,target=/root/.npm \
  TSX_VERSION="$(node -p 'require("tsx/package.json").version')" \
  && npm prune --omit=dev --no-audit --no-fund \
  && npm install --global --prefix /opt/tsx --no-audit --no-fund "tsx@${TSX_VERSION}" \
  && rm -rf node_modules/tsx \
  && mv /opt/tsx/lib/node_modules/tsx node_modules/tsx

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=8080
WORKDIR /app
# Owned by root, so the server (user `node`, 1000) cannot change its own code.
COPY --from=build /app/package.json /app/tsconfig.json /app/tsconfig.base.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/apps/server ./apps/server
COPY --from=build /app/apps/web/package.json ./apps/web/package.json
COPY --from=build /app/apps/web/dist ./apps/web/dist
# the image's `node` user, by number so that Kubernetes can check runAsNonRoot
USER 1000:1000
EXPOSE 8080
# One process (node with tsx's loader), so that SIGTERM reaches the server: it gives its Leases back.
ENTRYPOINT ["node", "--import", "tsx", "apps/server/src/cli.ts"]
CMD ["serve", "--no-embedded", "--in-cluster"]
