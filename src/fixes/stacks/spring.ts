// Spring MVC's CorsRegistry. allowedOrigins("*") with credentials throws since 5.3, and the
// common workaround allowedOriginPatterns("*") reflects any origin: exact origins only.
import type { Stack } from './stack';
import { dq, list } from './literals';

export const spring: Stack = {
  id: 'spring',
  label: 'Spring (CorsRegistry)',
  language: 'java',
  file: 'CorsConfig.java',
  verified: false,
  terms: {
    origins: '`allowedOrigins(...)`',
    methods: '`allowedMethods(...)`',
    headers: '`allowedHeaders(...)`',
    credentials: '`allowCredentials(true)`',
    privateNetwork: '`allowPrivateNetwork(true)` (Spring 6.1.3+)',
  },
  beforeAuth:
    'With Spring Security, enable its CORS integration, `http.cors(Customizer.withDefaults())`, so the CorsFilter answers the preflight before authentication rejects it.',
  answerOptions:
    'Spring answers preflights for mapped paths; a 403 "Invalid CORS request" means the mapping does not allow this origin, method or header, a 404/405 that `addMapping` does not cover the path.',
  errorResponses:
    'Errors rendered by `/error` (BasicErrorController) are outside the `/api/**` mapping: add a mapping for `/error` too, or handle exceptions with `@ControllerAdvice`.',
  render(p, target) {
    const chain = [
      `.allowedOrigins(${p.anyOrigin ? dq('*') : list(p.origins)})`,
      `.allowedMethods(${list(p.methods)})`,
    ];
    if (p.headers.length) chain.push(`.allowedHeaders(${list(p.headers)})`);
    if (p.exposeHeaders.length) chain.push(`.exposedHeaders(${list(p.exposeHeaders)})`);
    if (p.credentials) chain.push('.allowCredentials(true)');
    if (p.maxAge !== null) chain.push(`.maxAge(${p.maxAge})`);
    if (p.privateNetwork) chain.push('.allowPrivateNetwork(true)');
    const mapping = /^\/[A-Za-z0-9_-]+\//.test(target.path)
      ? `${target.path.split('/').slice(0, 2).join('/')}/**`
      : '/**';
    return [
      '@Configuration',
      'public class CorsConfig implements WebMvcConfigurer {',
      '    @Override',
      '    public void addCorsMappings(CorsRegistry registry) {',
      `        registry.addMapping(${dq(mapping)})`,
      ...chain.map((c, i) => `            ${c}${i === chain.length - 1 ? ';' : ''}`),
      '    }',
      '}',
    ].join('\n');
  },
};
