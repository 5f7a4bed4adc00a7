"""The SEN2 person-level return: its collection dates, its records, which records are in it and
what each item says, the business rules beyond the schema, and the headline measures the DfE
publishes from it. Pure values; the `returns` app reads the council's records into these."""
