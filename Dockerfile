# syntax=docker/dockerfile:1
# Node 24 LTS (Node 20 reached end of life in April 2026); the code also runs on Node 20.19+.
# Build stage: native addons (argon2, better-sqlite3) compile here, then dev dependencies are dropped.
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
# The web app (Preact, built by Vite into dist/web, which the server serves at /); its browser tests stay out.
COPY web/index.html web/vite.config.ts web/tsconfig.json ./web/
COPY web/src ./web/src
COPY web/public ./web/public
RUN npm run build && npm prune --omit=dev

# Runtime stage: only the compiled app and production dependencies, as an unprivileged user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# As `npm run start:prod` (the young generation size: see src/main.ts).
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]
