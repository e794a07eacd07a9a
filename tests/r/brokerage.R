# Reference values for graph_loader.analyses.brokerage from R's sna::brokerage.
# Usage: Rscript brokerage.R ADJ.csv CLASSES.txt OUT.txt
#   ADJ.csv: n x n 0/1 adjacency matrix, no header (row = sender).
#   CLASSES.txt: one class label per line, in node order.
# Writes "name i j value" lines, values with 17 significant digits (NaN, Inf, -Inf as such).
suppressPackageStartupMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
g <- as.matrix(read.csv(args[1], header = FALSE))
dimnames(g) <- NULL
cl <- readLines(args[2])
b <- brokerage(g, cl)
out <- file(args[3], "w")
emit <- function(name, x) {
  x <- as.matrix(x)
  for (i in seq_len(nrow(x))) for (j in seq_len(ncol(x)))
    writeLines(sprintf("%s %d %d %.17g", name, i - 1, j - 1, x[i, j]), out)
}
for (nm in c("raw.nli", "exp.nli", "sd.nli", "z.nli")) emit(nm, b[[nm]])
for (nm in c("raw.gli", "exp.gli", "sd.gli", "z.gli")) emit(nm, matrix(b[[nm]], nrow = 1))
close(out)
