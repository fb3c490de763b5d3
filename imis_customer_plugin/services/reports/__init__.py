"""The figures of each report (progress, performance, trends, hotspots) from the register."""
