# The graph-loader command line, for `docker compose` (service "loader").
#   docker build -t karabakh-actor-graph .
#   docker run --rm -e NEO4J_URI=bolt://host:7687 -e NEO4J_PASSWORD=... karabakh-actor-graph load
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_loader ./graph_loader
RUN pip install .

# The dataset and the query library (graph-loader finds them in the working directory).
COPY data ./data
COPY cypher ./cypher

RUN useradd --create-home --uid 10001 loader
USER loader

ENTRYPOINT ["graph-loader"]
CMD ["load", "--engine", "neo4j"]
