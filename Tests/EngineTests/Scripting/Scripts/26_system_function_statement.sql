-- setup: create database d
-- setup: create table t (n int)
-- expect: logged
-- check: select count(*) from t => 1
BEGIN
  SYSTEM$LOG('info', 'starting');
  SYSTEM$LOG_WARN('half way');
  INSERT INTO t VALUES (1);
  RETURN 'logged';
END;
