"""The civil servants' records change only through their pages and services."""
