export default {
  config: { locales: ['ja'] },
  bootstrap() {},
};
