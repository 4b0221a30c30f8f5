// A real OpenID Connect provider standing in for the MitID broker, for tests and `make run`
// only: panva's oidc-provider (OpenID Certified), pinned in package-lock.json.
//
// Configured from the environment:
//   PORT           port on 127.0.0.1 (default 8090)
//   ISSUER         issuer URL (default http://127.0.0.1:$PORT)
//   CLIENT_ID      the one client, Samskab (default samskab)
//   CLIENT_SECRET  its secret (default samskab-test-secret)
//   REDIRECT_URIS  comma-separated callback URLs Samskab may ask to return to
//
// The signing key (RS256) is generated at every start. The test persons are in
// persons.json (login -> claims); any password is accepted, and the "[ Cancel ]" link of
// the login page returns error=access_denied. Birthdates are computed at start from each
// person's age (born today minus age years minus 100 days), so nobody ever ages out.
// Fault persons get an ID token that this server spoils on its way out of the token
// endpoint: a changed payload (bad signature), another nonce, or an expired token.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const PORT = Number(process.env.PORT || 8090);
const ISSUER = process.env.ISSUER || `http://127.0.0.1:${PORT}`;
const CLIENT_ID = process.env.CLIENT_ID || 'samskab';
const CLIENT_SECRET = process.env.CLIENT_SECRET || 'samskab-test-secret';
const REDIRECT_URIS = (process.env.REDIRECT_URIS || `http://127.0.0.1:8000/mitid/callback/`)
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);

const persons = JSON.parse(readFileSync(new URL('./persons.json', import.meta.url), 'utf8'));

function birthdate(age) {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() - age);
  day.setUTCDate(day.getUTCDate() - 100);
  return day.toISOString().slice(0, 10);
}

for (const person of Object.values(persons)) {
  person.birthdate = birthdate(person.age);
}
const personBySub = new Map(Object.values(persons).map((p) => [p.sub, p]));
const faultBySub = new Map(
  Object.values(persons).filter((p) => p.fault).map((p) => [p.sub, p.fault]),
);

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = {
  ...(await exportJWK(privateKey)),
  kid: randomBytes(8).toString('hex'),
  alg: 'RS256',
  use: 'sig',
};

const ALL_SCOPES = 'openid profile municipality';

const configuration = {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: REDIRECT_URIS,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  // Claims of the granted scopes go in the ID token itself, as a broker's do.
  conformIdTokenClaims: false,
  scopes: ['openid', 'profile', 'municipality'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'birthdate'],
    municipality: ['municipality_code'],
  },
  features: {
    devInteractions: { enabled: true },
    // Nothing but the authorization code flow.
    registration: { enabled: false },
    revocation: { enabled: false },
    introspection: { enabled: false },
    userinfo: { enabled: true },
  },
  // Accounts are found by their stable id, the subject (the login form's login is turned
  // into it on the way in, below).
  async findAccount(_ctx, sub) {
    const person = personBySub.get(sub);
    if (!person) {
      return undefined;
    }
    return {
      accountId: sub,
      async claims() {
        return {
          sub: person.sub,
          name: person.name,
          birthdate: person.birthdate,
          municipality_code: person.municipality_code,
        };
      },
    };
  },
  // No consent screen: Samskab is the broker's own client, granted every scope at once.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(ALL_SCOPES);
    grant.addOIDCClaims(['sub', 'name', 'birthdate', 'municipality_code']);
    await grant.save();
    return grant;
  },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 600,
    Grant: 600,
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head>`
      + `<body><h1>${out.error}</h1><p>${String(out.error_description || '').replace(/[<>&"]/g, '')}</p></body></html>`;
  },
};

const provider = new Provider(ISSUER, configuration);

async function spoil(idToken, fault) {
  const [header, payload, signature] = idToken.split('.');
  if (fault === 'signature') {
    const claims = decodeJwt(idToken);
    claims.municipality_code = '0101';
    const changed = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${header}.${changed}.${signature}`;
  }
  const claims = decodeJwt(idToken);
  const protectedHeader = decodeProtectedHeader(idToken);
  if (fault === 'nonce') {
    claims.nonce = randomBytes(16).toString('base64url');
  } else if (fault === 'expired') {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    claims.iat = hourAgo - 600;
    claims.exp = hourAgo;
  }
  void payload;
  return new SignJWT(claims).setProtectedHeader(protectedHeader).sign(privateKey);
}

// The login form of devInteractions names the account by the login typed: turn a test
// person's login into their subject before the provider reads the form.
provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path.startsWith('/interaction/') && ctx.is('application/x-www-form-urlencoded')) {
    const chunks = [];
    for await (const chunk of ctx.req) {
      chunks.push(chunk);
      if (chunks.reduce((size, c) => size + c.length, 0) > 56 * 1024) {
        ctx.throw(413);
      }
    }
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    if (form.login && persons[form.login]) {
      form.login = persons[form.login].sub;
    }
    ctx.request.body = form;
  }
  await next();
});

// The fault persons' ID tokens are spoiled after the provider made them.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== 'token' || !ctx.body || typeof ctx.body !== 'object') {
    return;
  }
  const idToken = ctx.body.id_token;
  if (!idToken) {
    return;
  }
  const fault = faultBySub.get(decodeJwt(idToken).sub);
  if (fault) {
    ctx.body = { ...ctx.body, id_token: await spoil(idToken, fault) };
  }
});

const server = provider.listen(PORT, '127.0.0.1', () => {
  console.log(`Test MitID provider ${ISSUER} (client ${CLIENT_ID}; redirect URIs ${REDIRECT_URIS.join(', ')})`);
  console.log(`Test persons (any password): ${Object.keys(persons).join(', ')}`);
});

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
