/** Types for the parts of pym.js 1.3.2 (a UMD/CommonJS module without its own types) that we use. */
declare module 'pym.js' {
  interface ChildOptions {
    /** Origin pattern for incoming messages; '*' accepts any (pym only ever reads a width from them). */
    xdomain?: string;
    /** Milliseconds between automatic height messages; 0 for none. */
    polling?: number;
    renderCallback?: ((width: number) => void) | null;
  }
  interface Child {
    /** The childId the Parent gave in the iframe's URL. */
    readonly id: string;
    sendMessage(type: string, message: string): void;
    /** pym's own: body.offsetHeight (rounded). An own property, so it can be replaced. */
    sendHeight: () => string;
    onMessage(type: string, callback: (message: string) => void): void;
    remove(): void;
  }
  interface ParentOptions {
    title?: string;
    xdomain?: string;
    id?: string;
    name?: string;
  }
  interface Parent {
    readonly iframe: HTMLIFrameElement;
    remove(): void;
  }
  const pym: {
    Child: new (options?: ChildOptions) => Child;
    Parent: new (id: string, url: string, options?: ParentOptions) => Parent;
  };
  export default pym;
}
