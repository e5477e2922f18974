"""Readers, one module per input format. Each yields SourceRecord or RecordError."""
