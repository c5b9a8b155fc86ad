DROP TABLE amendment_positions;
DROP TABLE amendments;
DROP TABLE negotiation_rounds;
DROP TABLE state_group_members;
DROP TABLE state_groups;
DROP TABLE delegation_members;
DROP TABLE delegations;
DROP TABLE negotiation_settings;
