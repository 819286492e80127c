-- Facts about this installation that outlive any one process, e.g. 'receipts-from': when the
-- worker first started on this database. Mail received from then on is answered, whichever
-- process or verb stores it and however often the worker restarts (ReceiptWatermark).
CREATE TABLE worker_state (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
