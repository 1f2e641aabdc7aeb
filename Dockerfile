# syntax=docker/dockerfile:1
# One image for every process of the oracle (worker, api, attester, cli, simulator, migrations):
#   deps     npm ci with every dependency (build tools, hardhat)
#   build    TypeScript compiled to dist/ with tsc, then pruned to production deps (Prisma is the
#            migration tool only: no client is generated)
#   devnode  the local EVM node for docker-compose.yml (Hardhat 2 is a dev dependency)
#   runtime  (default, last) production dependencies and compiled JavaScript, non-root
# The runtime runs `node dist/src/bin/<entry>.js`: tsx, typescript, hardhat and solc are not in it.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npx tsc -p . \
 && cp -r src/simulator/scenarios dist/src/simulator/ \
 && mkdir -p circuits models \
 && npm prune --omit=dev --no-audit --no-fund

FROM deps AS devnode
ENV HARDHAT_DISABLE_TELEMETRY_PROMPT=true
COPY --chown=node:node scripts/hardhat.config.cjs ./scripts/
RUN chown node:node /app/scripts
USER node
EXPOSE 8545
CMD ["node_modules/.bin/hardhat", "--config", "scripts/hardhat.config.cjs", "node", "--hostname", "0.0.0.0", "--port", "8545"]

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PROVING_CACHE_DIR=/app/.cache/proving
RUN groupadd --system oracle && useradd --system --gid oracle --home-dir /app --no-create-home oracle \
 && mkdir -p /app/.cache/proving && chown -R oracle:oracle /app/.cache
COPY --from=build --chown=oracle:oracle /app/node_modules ./node_modules
COPY --from=build --chown=oracle:oracle /app/dist ./dist
COPY --from=build --chown=oracle:oracle /app/package.json /app/prisma.config.ts ./
COPY --from=build --chown=oracle:oracle /app/prisma ./prisma
COPY --from=build --chown=oracle:oracle /app/models ./models
COPY --from=build --chown=oracle:oracle /app/circuits ./circuits
# The native prover (PROVER=native, the default) and native verification of its proofs: ezkl 21.0.0
# from PyPI, pinned with its hash, in /app/.venv where src/proving looks for it.
COPY python ./python
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv .venv && .venv/bin/pip install --no-cache-dir --disable-pip-version-check --require-hashes -r python/requirements.txt
USER oracle
# 9464 METRICS_PORT (workers), 3000 API_PORT, 58600 ATTESTER_PORT.
EXPOSE 9464 3000 58600
# Node's own fetch, so the image needs no curl. Each process answers /health on its own port:
# HEALTH_PORT names it (docker-compose.yml sets it for the API and attesters), else (unset or 0)
# METRICS_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p=Number(process.env.HEALTH_PORT)||Number(process.env.METRICS_PORT)||9464;fetch('http://127.0.0.1:'+p+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/bin/worker.js"]
