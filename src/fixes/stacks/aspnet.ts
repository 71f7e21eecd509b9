// ASP.NET Core CORS middleware. AllowAnyOrigin with AllowCredentials throws, and
// SetIsOriginAllowed(_ => true) reflects any origin: WithOrigins with exact origins only.
import type { Stack } from './stack';
import { list } from './literals';

export const aspnet: Stack = {
  id: 'aspnet',
  label: 'ASP.NET Core',
  language: 'csharp',
  file: 'Program.cs',
  verified: false,
  terms: {
    origins: '`WithOrigins(...)`',
    methods: '`WithMethods(...)`',
    headers: '`WithHeaders(...)`',
    credentials: '`AllowCredentials()`',
    privateNetwork: null,
  },
  beforeAuth:
    'Call `app.UseCors("CorsLens")` after `app.UseRouting()` and before `app.UseAuthentication()` and `app.UseAuthorization()`; otherwise the preflight is rejected before CORS answers it.',
  answerOptions:
    'The CORS middleware answers preflights itself once `UseCors` runs for the route; a 405 usually means `UseCors` is missing or placed after the endpoint middleware.',
  errorResponses:
    'Responses from `UseExceptionHandler` keep the CORS headers only when `UseCors` runs before the failing middleware; also call `UseCors` before `UseHttpsRedirection`, whose redirect fails preflights.',
  render(p) {
    const chain = [`.WithOrigins(${list(p.origins)})`, `.WithMethods(${list(p.methods)})`];
    if (p.anyOrigin) chain[0] = '.AllowAnyOrigin()';
    if (p.headers.length) chain.push(`.WithHeaders(${list(p.headers)})`);
    if (p.exposeHeaders.length) chain.push(`.WithExposedHeaders(${list(p.exposeHeaders)})`);
    if (p.credentials) chain.push('.AllowCredentials()');
    if (p.maxAge !== null) chain.push(`.SetPreflightMaxAge(TimeSpan.FromSeconds(${p.maxAge}))`);
    return [
      'builder.Services.AddCors(options =>',
      '{',
      '    options.AddPolicy("CorsLens", policy => policy',
      ...chain.map((c, i) => `        ${c}${i === chain.length - 1 ? ');' : ''}`),
      '});',
      '',
      '// After app.UseRouting(), before app.UseAuthentication() and app.UseAuthorization():',
      'app.UseCors("CorsLens");',
    ].join('\n');
  },
};
