-- Shoppable replays (issue 9, item 7): the demo seed, which runs as service_role, records the
-- pins its replays were broadcast with (app/seed/demo-replay-pins.ts). Pins made while live
-- still go through public.pin_product only; no app role but the backend's gains anything.
grant insert on table public.live_session_pins to service_role;
