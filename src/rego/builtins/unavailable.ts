/**
 * Builtins crosswalk does not provide: those that reach outside the process (it evaluates
 * offline) and a few pure ones not implemented (GraphQL, Go text/template). They are
 * declared so that policies using them compile, and fail with a clear error when called.
 */
import { builtinError, def, T, type BuiltinDecl } from './spec.js';

const fail = (name: string) => () => {
  throw builtinError(name, 'not available in crosswalk');
};

const off = (name: string, args: number, category: string, nondeterministic = false) =>
  def(name, Array<typeof T.any>(args).fill(T.any), T.any, category, fail(name), {
    nondeterministic,
  });

export const decls: BuiltinDecl[] = [
  off('http.send', 1, 'http', true),
  off('net.lookup_ip_addr', 1, 'net', true),
  off('opa.runtime', 0, 'opa', true),
  off('rego.parse_module', 2, 'rego'),
  off('rego.metadata.chain', 0, 'rego'),
  off('rego.metadata.rule', 0, 'rego'),
  off('providers.aws.sign_req', 3, 'providers.aws'),
  off('graphql.is_valid', 2, 'graphql'),
  off('graphql.parse', 2, 'graphql'),
  off('graphql.parse_and_verify', 2, 'graphql'),
  off('graphql.parse_query', 1, 'graphql'),
  off('graphql.parse_schema', 1, 'graphql'),
  off('graphql.schema_is_valid', 1, 'graphql'),
  off('strings.render_template', 2, 'strings'),
];
