import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 3000 and the embedded database in ./data', () => {
    const config = loadConfig({}, '/srv/tiendo');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/tiendo/data');
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" không hợp lệ/],
    ['PORT', '70000', /từ 0 đến 65535/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL không hợp lệ/],
    ['DATABASE_URL', 'mysql://root@localhost/test', /giao thức "mysql"/],
    ['DATABASE_URL', 'postgres://localhost:5432', /thiếu tên cơ sở dữ liệu/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud"/],
    ['TIENDO_DEMO', 'maybe', /TIENDO_DEMO="maybe"/],
  ])('rejects %s=%s with one clear Vietnamese line', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('never echoes a password from a bad URL', () => {
    expect(redactUrl('postgres://tiendo:s3cret@db:5432/x')).toBe('postgres://tiendo:***@db:5432/x');
  });
});
