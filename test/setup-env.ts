// Set before every test file: a test cannot date a file's ctime back, so the caches' 2-second
// guard against rewrites in the same timestamp tick (see RACY_WINDOW_MS) would keep anything
// written by a test from being cached. Tests of that guard set the window back to 2000 ms.
process.env.FEEDTOOL_RACY_WINDOW_MS = '0';
