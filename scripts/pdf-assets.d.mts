export declare function pdfAssets(): { absoluteSrc: string; relativeDest: string }[];
