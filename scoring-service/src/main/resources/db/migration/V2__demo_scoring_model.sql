-- The demo model: the example weights of the practitioners' article (seed 000). RevOps replaces it
-- with their own model; it is data, not code.
INSERT INTO scoring_model (version, name, active, mql_min_fit, mql_min_intent, fast_track_types, created_by)
VALUES (1, 'Demo model (seed 000)', TRUE, 20, 15, 'demo_request,pricing_inquiry', 'flyway');

INSERT INTO scoring_rule (model_id, code, description, category, kind, field, match_values, min_value, max_value,
                          activity_type, url_pattern, min_count, window_days, points, max_points)
SELECT m.id, r.* FROM scoring_model m, (VALUES
  ('industry', 'Target industry match', 'FIT', 'FIELD_IN', 'industry',
   'software,saas,technology,information technology,financial services,fintech', NULL::int, NULL::int, NULL, NULL, 1, NULL::int, 10, NULL::int),
  ('seniority', 'Relevant seniority', 'FIT', 'FIELD_IN', 'seniority',
   'director,head,vp,vice president,c-level,cxo,executive,owner,founder', NULL, NULL, NULL, NULL, 1, NULL, 10, NULL),
  ('company-size', 'Target company size (50-5000 employees)', 'FIT', 'NUMBER_RANGE', 'employees',
   NULL, 50, 5000, NULL, NULL, 1, NULL, 10, NULL),
  ('demo-request', 'Demo request submitted', 'INTENT', 'ACTIVITY', NULL, NULL, NULL, NULL,
   'demo_request', NULL, 1, 90, 15, NULL),
  ('pricing-page', 'Pricing page viewed', 'INTENT', 'ACTIVITY', NULL, NULL, NULL, NULL,
   'page_view', '/pricing', 1, 14, 10, NULL),
  ('case-study', 'Case study page viewed', 'INTENT', 'ACTIVITY', NULL, NULL, NULL, NULL,
   'page_view', '/case-stud', 1, 30, 8, NULL),
  ('product-repeat', 'Product page repeat visits (3 within 14 days)', 'INTENT', 'ACTIVITY', NULL, NULL, NULL, NULL,
   'page_view', '/product', 3, 14, 8, NULL),
  ('webinar', 'Webinar attendance', 'INTENT', 'ACTIVITY', NULL, NULL, NULL, NULL,
   'webinar_attended', NULL, 1, 90, 5, NULL),
  ('careers-page', 'Careers page visit', 'INTENT', 'ACTIVITY', NULL, NULL, NULL, NULL,
   'page_view', '/careers', 1, 30, -5, NULL),
  ('personal-email', 'Personal email address', 'DISQUALIFIER', 'EMAIL_DOMAIN_IN', NULL,
   'gmail.com,googlemail.com,yahoo.com,hotmail.com,outlook.com,live.com,aol.com,icloud.com,gmx.de,web.de,proton.me,protonmail.com',
   NULL, NULL, NULL, NULL, 1, NULL, -100, NULL)
) AS r(code, description, category, kind, field, match_values, min_value, max_value,
       activity_type, url_pattern, min_count, window_days, points, max_points)
WHERE m.version = 1;
