"""The rules of the register: records, codes, deadlines and checks; standard library only."""
