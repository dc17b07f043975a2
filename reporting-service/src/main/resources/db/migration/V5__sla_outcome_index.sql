-- SLA compliance reads the met and breached clocks of a period: a narrow index of just those.
CREATE INDEX stage_transition_sla ON stage_transition (at) INCLUDE (stage, kind, team, owner)
    WHERE stage IN ('SLA_MET', 'SLA_BREACHED');
