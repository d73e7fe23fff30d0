-- Open plan actions by community and deadline: the head's team view counts and lists them
-- over the communities of a district or region (cases repository, TeamLoad and
-- ListOverdueActionsIn).
CREATE INDEX plan_actions_community ON plan_actions(community_id, status, deadline);
