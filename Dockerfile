# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript and generate the Prisma client in a build stage, ship
# only production dependencies and compiled JavaScript, run as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx prisma generate && npx tsc -p . && cp -r src/simulator/scenarios dist/src/simulator/ && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1
RUN groupadd --system oracle && useradd --system --gid oracle --home /app oracle
COPY --from=build --chown=oracle:oracle /app/node_modules ./node_modules
COPY --from=build --chown=oracle:oracle /app/dist ./dist
COPY --from=build --chown=oracle:oracle /app/package.json /app/prisma.config.ts ./
COPY --from=build --chown=oracle:oracle /app/prisma ./prisma
COPY --from=build --chown=oracle:oracle /app/models ./models
COPY --from=build --chown=oracle:oracle /app/circuits ./circuits
USER oracle
EXPOSE 3000 9464
# Workers answer /health on METRICS_PORT, the API on API_PORT; compose overrides per service.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||9464)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/bin/worker.js"]
