-- Income reports (ADR 0026, issue 11 item 6): let a report's plan start from its date range.
-- The reports filter payment and refund postings by created_at (a plain range between two
-- Shanghai midnights) and group by the Shanghai day, month or year; nothing indexed the
-- postings' dates, so every report read every posting. The index covers what the reports
-- read from a posting (kind, order); the statistics let the planner estimate the Shanghai
-- day buckets the reports group by.
create index ledger_postings_created_idx on public.ledger_postings (created_at) include (kind, order_id);

create statistics public.ledger_postings_shanghai_day_stats
  on (date_trunc('day', created_at at time zone 'Asia/Shanghai')) from public.ledger_postings;

analyze public.ledger_postings;
