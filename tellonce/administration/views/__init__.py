"""The council administrator's pages: users and invitations, the council's organisations, and the
administration log. Each reads through the administrator's council and writes through
administration.services."""
