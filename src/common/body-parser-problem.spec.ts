import { bodyParserProblem } from './body-parser-problem.js';

describe('bodyParserProblem', () => {
  it('names malformed JSON, an oversized body and other unreadable bodies', () => {
    expect(bodyParserProblem({ type: 'entity.parse.failed', status: 400 })).toEqual({
      status: 400,
      detail: 'The request body is not valid JSON',
      code: 'invalid_json',
    });
    expect(bodyParserProblem({ type: 'entity.too.large', status: 413 })?.status).toBe(413);
    expect(bodyParserProblem({ type: 'encoding.unsupported', status: 415 })).toEqual({
      status: 415,
      detail: 'The request body could not be read',
    });
    expect(bodyParserProblem({ type: 'request.aborted', status: 500 })?.status).toBe(400);
  });

  it('leaves every other error alone', () => {
    expect(bodyParserProblem(new Error('boom'))).toBeNull();
    expect(bodyParserProblem(null)).toBeNull();
    expect(bodyParserProblem({ status: 400 })).toBeNull();
  });
});
